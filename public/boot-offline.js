// Starts the app on the client from the offline app shell (/app-shell):
// no server-rendered HTML to hydrate, so the app mounts and renders the
// current URL itself.
const name = document.querySelector('meta[name="carelink-output"]')?.content || 'app';
const mod = await import(`/pkg/${name}.js`);
await mod.default({ module_or_path: `/pkg/${name}.wasm` });
mod.mount_csr();
