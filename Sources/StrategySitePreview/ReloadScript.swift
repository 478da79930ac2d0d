/// The HTML `serve` adds at the end of every page (never in `build` output): it listens to the
/// events stream, reloads the page when the site was rebuilt, keeps the scroll position across
/// the reload (in sessionStorage, per path), and shows errors in an overlay until they are fixed.
public enum ReloadScript {
    public static let html = """
        <script>
        (function () {
          "use strict";
          var key = "strategy-site:scroll:" + location.pathname;
          var saved = null;
          try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
          if (saved !== null) {
            var y = parseInt(saved, 10) || 0;
            var restore = function () { window.scrollTo(0, y); };
            restore();
            window.addEventListener("load", restore);
          }
          function reload() {
            try { sessionStorage.setItem(key, String(window.scrollY || window.pageYOffset || 0)); } catch (e) {}
            location.reload();
          }
          var overlay = null;
          function showErrors(text) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.id = "strategy-site-errors";
              overlay.setAttribute("role", "alert");
              overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
                "margin:0;padding:1rem 1.25rem;background:#5c0011;color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
                "box-shadow:0 -2px 12px rgba(0,0,0,.4);text-align:left";
              var heading = document.createElement("p");
              heading.style.cssText = "margin:0 0 .5rem;font-weight:bold";
              heading.textContent = "The site has errors; showing the last good version. Fix these and the page reloads:";
              var close = document.createElement("button");
              close.type = "button";
              close.textContent = "Hide";
              close.style.cssText = "float:right;margin-left:1rem;font:inherit;color:#5c0011;background:#fff;border:0;border-radius:3px;padding:.1rem .6rem;cursor:pointer";
              close.addEventListener("click", function () { overlay.style.display = "none"; });
              var pre = document.createElement("pre");
              pre.style.cssText = "margin:0;padding:0;border:0;overflow:visible;white-space:pre-wrap;font:inherit;color:inherit;background:none";
              overlay.appendChild(close);
              overlay.appendChild(heading);
              overlay.appendChild(pre);
              document.body.appendChild(overlay);
            }
            overlay.style.display = "block";
            overlay.lastChild.textContent = text;
          }
          if (!window.EventSource) return;
          var lost = false;
          var events = new EventSource("/__strategy-site/events");
          events.onmessage = function (event) {
            if (event.data === "reload") { reload(); } else { showErrors(event.data); }
          };
          events.onerror = function () { lost = true; };
          events.onopen = function () { if (lost) { reload(); } };
        })();
        </script>
        """
}
