// Carelink service worker. Served by the server at /sw.js with VERSION and
// ASSETS filled in (server/src/pwa.rs): VERSION is a hash of the build's
// assets, so every deploy installs a new worker with a new cache.
const VERSION = '__VERSION__';
const CACHE = 'carelink-shell-' + VERSION;
const ASSETS = __ASSETS__;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(ASSETS.map((url) => new Request(url, { cache: 'reload', credentials: 'same-origin' })))
    )
  );
  // A first install activates at once; an update waits until the page asks
  // ("Reload to update"), so it never swaps code under unsaved work.
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(
        keys.filter((k) => k.startsWith('carelink-shell-') && k !== CACHE).map((k) => caches.delete(k))
      );
      await self.clients.claim();
    })()
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    // Network first (pages carry fresh, server-rendered data); with no
    // network, the cached app shell renders the route on the device.
    event.respondWith(
      fetch(req).catch(async () => {
        const shell = await caches.match('/app-shell', { cacheName: CACHE });
        return shell || Response.error();
      })
    );
    return;
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(
      caches.match(url.pathname, { cacheName: CACHE }).then((hit) => hit || fetch(req))
    );
  }
});
