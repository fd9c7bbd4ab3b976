// The forwarding page: sends the visitor on to the URL in its fragment, only when it is on the Hub's origin (the page's
// data-hub); anything else stays here (never an open redirect).
(() => {
  const hub = document.documentElement.dataset.hub;
  let url;
  try {
    url = new URL(decodeURIComponent(location.hash.slice(1)));
  } catch {}
  if (url && hub && url.origin === hub && !url.username && !url.password) location.replace(url.href);
})();
