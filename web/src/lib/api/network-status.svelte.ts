/**
 * Whether the API is reachable as far as this tab knows: requests waiting to retry after a
 * network failure, and the browser's own online flag. The offline banner shows `offline`.
 */
class NetworkStatus {
  retrying = $state(0);
  browserOffline = $state(false);

  get offline(): boolean {
    return this.retrying > 0 || this.browserOffline;
  }
}

export const networkStatus = new NetworkStatus();

if (typeof window !== 'undefined') {
  networkStatus.browserOffline = !navigator.onLine;
  window.addEventListener('online', () => (networkStatus.browserOffline = false));
  window.addEventListener('offline', () => (networkStatus.browserOffline = true));
}
