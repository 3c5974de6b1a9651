// Small progressive enhancements for the staff pages; every page also works without JavaScript.
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        // Print buttons (the one-time material notice).
        document.querySelectorAll("[data-print]").forEach(function (b) {
            b.hidden = false;
            b.addEventListener("click", function () { window.print(); });
        });

        // "Back" on the error page.
        document.querySelectorAll("[data-back]").forEach(function (b) {
            if (window.history.length > 1) b.hidden = false;
            b.addEventListener("click", function () { window.history.back(); });
        });

        // Consultation: filter the item list as the clerk types a name or pinyin initials.
        var filter = document.querySelector("[data-item-filter]");
        if (filter) {
            var items = document.querySelectorAll("[data-item-key]");
            var count = document.querySelector("[data-item-count]");
            filter.addEventListener("input", function () {
                var q = filter.value.trim().toLowerCase();
                var shown = 0;
                items.forEach(function (li) {
                    var match = q === "" || li.getAttribute("data-item-key").indexOf(q) >= 0;
                    li.hidden = !match;
                    if (match) shown++;
                });
                if (count) count.textContent = "共 " + shown + " 项";
            });
        }

        // Return for correction: a material's problem text is needed only when it is ticked.
        document.querySelectorAll("[data-problem-for]").forEach(function (input) {
            var box = document.getElementById(input.getAttribute("data-problem-for"));
            function sync() { input.disabled = !box.checked; if (box.checked && !input.value) input.value = input.getAttribute("data-default") || ""; }
            box.addEventListener("change", sync);
            sync();
        });

        // Intake: changing the item reloads the form with that item's materials and modes.
        document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
            select.addEventListener("change", function () { select.form.submit(); });
        });
    });
})();
