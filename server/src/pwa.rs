//! Progressive-web-app endpoints: the service worker with its precache list
//! and version, and the offline app shell it serves for navigations when
//! there is no network.

use app::platform::state::AppState;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::OnceLock;

const SW_TEMPLATE: &str = include_str!("sw.js");

/// Files outside `pkg/` the shell needs offline.
const STATIC_ASSETS: &[&str] = &[
    "/app-shell",
    "/boot-offline.js",
    "/sw-register.js",
    "/manifest.webmanifest",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
];

pub struct Precache {
    pub version: String,
    pub assets: Vec<String>,
}

/// The build's assets and a version hashed from their contents (computed
/// once; a deploy is a new process).
pub fn precache(site_root: &str, pkg_dir: &str) -> &'static Precache {
    static CELL: OnceLock<Precache> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut hasher = Sha256::new();
        hasher.update(SW_TEMPLATE.as_bytes());
        hasher.update(app_shell_html("").as_bytes());
        let mut assets: Vec<String> = STATIC_ASSETS.iter().map(|s| s.to_string()).collect();
        let dir = Path::new(site_root).join(pkg_dir);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.is_file())
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        for path in files {
            if let (Some(name), Ok(bytes)) = (
                path.file_name().and_then(|n| n.to_str()),
                std::fs::read(&path),
            ) {
                hasher.update(name.as_bytes());
                hasher.update(&bytes);
                assets.push(format!("/{pkg_dir}/{name}"));
            }
        }
        for rel in &STATIC_ASSETS[1..] {
            if let Ok(bytes) = std::fs::read(Path::new(site_root).join(rel.trim_start_matches('/')))
            {
                hasher.update(&bytes);
            }
        }
        let version = hex::encode(&hasher.finalize()[..8]);
        Precache { version, assets }
    })
}

pub async fn service_worker(State(state): State<AppState>) -> Response {
    let o = &state.leptos_options;
    let p = precache(&o.site_root, &o.site_pkg_dir);
    let assets = serde_json::to_string(&p.assets).unwrap_or_else(|_| "[]".into());
    let body = SW_TEMPLATE
        .replace("__VERSION__", &p.version)
        .replace("__ASSETS__", &assets);
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    res
}

/// The WASM file's name as Leptos computes it (cargo-leptos builds drop
/// wasm-bindgen's `_bg` suffix).
fn wasm_name(output_name: &str) -> String {
    if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        output_name.to_owned()
    } else {
        format!("{output_name}_bg")
    }
}

fn app_shell_html(output_name: &str) -> String {
    let wasm = wasm_name(output_name);
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b5563">
<meta name="carelink-js" content="{output_name}">
<meta name="carelink-wasm" content="{wasm}">
<title>Carelink</title>
<link rel="stylesheet" href="/pkg/{output_name}.css">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/icons/icon-192.png">
<script type="module" src="/boot-offline.js"></script>
</head>
<body></body>
</html>"##
    )
}

/// The page the service worker serves for any navigation while offline: the
/// app renders on the client for the URL the browser is at.
pub async fn app_shell(State(state): State<AppState>) -> Html<String> {
    Html(app_shell_html(&state.leptos_options.output_name))
}
