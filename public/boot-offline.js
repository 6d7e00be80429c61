// Starts the app on the client from the offline app shell (/app-shell):
// no server-rendered HTML to hydrate, so the app mounts and renders the
// current URL itself.
const meta = (n, d) => document.querySelector(`meta[name="${n}"]`)?.content || d;
const mod = await import(`/pkg/${meta('carelink-js', 'app')}.js`);
await mod.default({ module_or_path: `/pkg/${meta('carelink-wasm', 'app')}.wasm` });
mod.mount_csr();
