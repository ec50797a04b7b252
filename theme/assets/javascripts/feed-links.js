/* mkdocs-material's script reads the sitemap.xml beside every <link rel="alternate"> of a
   page, to find the same page in other language versions of a site. This site's alternate
   links are its feeds (feeds/*.xml, feeds/co-quan/*.xml …), which have no sitemap beside
   them: the script's request for one is answered here with an empty sitemap, so that the
   host is not asked for a file it does not have. Loaded before mkdocs-material's script
   (theme/main.html); every other request goes out as it was made. */
(function () {
  "use strict";
  if (typeof XMLHttpRequest === "undefined" || typeof URL === "undefined") { return; }
  var EMPTY = "data:application/xml," + encodeURIComponent(
    '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>');
  var FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json)$/;

  function besideAFeed(address) {
    var links = document.querySelectorAll('link[rel="alternate"][type]');
    for (var i = 0; i < links.length; i++) {
      if (FEED_TYPES.test(links[i].type) && new URL("sitemap.xml", links[i].href).href === address) {
        return true;
      }
    }
    return false;
  }

  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    try {
      if (String(method).toUpperCase() === "GET" && besideAFeed(new URL(String(url), document.baseURI).href)) {
        args[1] = EMPTY;
      }
    } catch (error) { /* an address URL cannot read: leave the request as it was */ }
    return open.apply(this, args);
  };
})();
