/*
 * The commune/ward list follows the province as it is chosen.
 *
 * Every Vietnamese address form (checkout, address book, cooperative
 * registration and profile) marks its selects with data-province-select and
 * data-ward-select. The list comes from the public JSON endpoint named by this
 * script tag's data-ward-options-url. Without JavaScript the form shows a
 * "Choose province" button (data-province-refresh) that sends the form back
 * with the province's communes; with it, the button goes (and comes back if
 * the list cannot be fetched).
 */
(function () {
    "use strict";
    var script = document.currentScript;
    var url = script && script.getAttribute("data-ward-options-url");

    function fill(ward, options) {
        var chosen = ward.value;
        ward.innerHTML = "";
        options.forEach(function (o) {
            var option = document.createElement("option");
            option.value = o.value;
            option.textContent = o.label;
            if (String(o.value) === chosen) { option.selected = true; }
            ward.appendChild(option);
        });
    }

    function follow(form) {
        var province = form.querySelector("[data-province-select]");
        var ward = form.querySelector("[data-ward-select]");
        if (!province || !ward || !url) { return; }
        // Out of the form, not just hidden: pressing Enter in a field submits
        // with the form's first button, which must then be its own.
        var refresh = Array.prototype.map.call(
            form.querySelectorAll("[data-province-refresh]"),
            function (b) { return {button: b, parent: b.parentNode, next: b.nextSibling}; }
        );
        function showRefresh(shown) {
            refresh.forEach(function (r) {
                if (shown && !r.button.isConnected) { r.parent.insertBefore(r.button, r.next); }
                if (!shown) { r.button.remove(); }
            });
        }
        showRefresh(false);
        var pending = 0;
        province.addEventListener("change", function () {
            var request = ++pending;
            if (!province.value) { fill(ward, [{value: "", label: "---------"}]); return; }
            ward.setAttribute("aria-busy", "true");
            fetch(url + "?province=" + encodeURIComponent(province.value), {
                headers: {"Accept": "application/json"}
            })
                .then(function (r) { return r.ok ? r.json() : {options: []}; })
                .then(function (data) {
                    // A later choice of province wins over a slow answer.
                    if (request === pending) { fill(ward, data.options || []); }
                })
                .catch(function () { showRefresh(true); })
                .then(function () { ward.removeAttribute("aria-busy"); });
        });
    }

    function start() {
        document.querySelectorAll("form").forEach(follow);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
