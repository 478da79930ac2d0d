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
