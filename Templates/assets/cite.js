// "Copy citation" on document pages. Without JavaScript the button stays hidden and the
// citation is plain text to select.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source) { return; }
    function say(text) { if (status) { status.textContent = text; } }
    function selectText() {
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    function fallback() {
      // file:// pages and older browsers have no clipboard API: copy the selection instead.
      selectText();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(copied ? "Citation copied." : "Press Ctrl+C (or ⌘C) to copy the selected citation.");
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say("Citation copied."); }, fallback);
      } else {
        fallback();
      }
    });
  });
})();

// The citation names the address it is read at: with no base URL the build can only write
// the page's path from the site's root, so over http(s) the page's own address replaces it;
// and after a paragraph's ¶ link (#p:…) it names that paragraph, so "cite this paragraph"
// is: follow the ¶, then copy.
(function () {
  "use strict";
  var citation = document.getElementById("citation-text");
  if (!citation) { return; }
  var written = citation.getAttribute("data-url") || "";
  var original = citation.textContent;
  var page = written;
  if (citation.hasAttribute("data-relative") && /^https?:$/.test(location.protocol)) {
    page = location.href.split("#")[0];
  }
  function update() {
    var hash = location.hash;
    var passage = "";
    if (hash.indexOf("#p:") === 0) {
      var id;
      try { id = decodeURIComponent(hash.slice(1)); } catch (e) { id = hash.slice(1); }
      if (document.getElementById(id)) { passage = "#" + encodeURIComponent(id).replace(/%3A/g, ":"); }
    }
    if (written) { citation.textContent = original.replace(written, page + passage); }
  }
  update();
  window.addEventListener("hashchange", update);
})();
