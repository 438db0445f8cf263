// The app shell the service worker keeps for offline opens (lib/offline/sw-shell.ts): rendered
// in the browser only, so its HTML names no route and the client router starts at whatever URL
// it is served for. A server-rendered page would hydrate as its own route: `/`'s HTML served
// for /lists/… showed "All tasks", loading forever.
export const ssr = false;
