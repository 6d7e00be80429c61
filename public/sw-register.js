// Registers the service worker and offers "Reload to update" when a new
// version has installed. The app (Rust) shows the banner on the
// `carelink:update-ready` event and answers with `carelink:apply-update`.
if ('serviceWorker' in navigator) {
  const hadController = !!navigator.serviceWorker.controller;
  const announce = () => {
    window.__carelinkUpdateReady = true;
    window.dispatchEvent(new Event('carelink:update-ready'));
  };
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then((reg) => {
      if (reg.waiting && navigator.serviceWorker.controller) announce();
      reg.addEventListener('updatefound', () => {
        const worker = reg.installing;
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) announce();
        });
      });
      window.addEventListener('carelink:apply-update', () => {
        if (reg.waiting) reg.waiting.postMessage({ type: 'SKIP_WAITING' });
        else window.location.reload();
      });
      // Look for a new version when the app comes back to the foreground.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') reg.update().catch(() => {});
      });
    })
    .catch(() => {});
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController || reloading) return;
    reloading = true;
    window.location.reload();
  });
}
