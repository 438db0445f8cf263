/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The service worker: each part is a module of its own (reminders: lib/reminders/sw-reminders.ts;
// the offline app shell, decision 0022: lib/offline/sw-shell.ts). It is built without the app's
// vite plugins, so the parts import by relative path.
import { build, files, version } from '$service-worker';
import { serveShell } from './lib/offline/sw-shell.ts';
import { handleReminders } from './lib/reminders/sw-reminders.ts';

const sw = self as unknown as ServiceWorkerGlobalScope;

serveShell(sw, { build, files, version });

sw.addEventListener('install', () => void sw.skipWaiting());
sw.addEventListener('activate', (event) => event.waitUntil(sw.clients.claim()));

handleReminders(sw);
