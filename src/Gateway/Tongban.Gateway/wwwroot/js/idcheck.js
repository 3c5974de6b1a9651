// GB 11643-1999 citizen ID number check, as the window clerk types. A port of
// Tongban.Workflows.Residents.ChineseIdNumber: same order of checks, same Chinese messages, so the page and the
// server never disagree (a browser test compares both on a set of numbers). The server checks again on submit.
(function (global) {
    "use strict";
    var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    var CHECK = "10X98765432";

    function isDigit(c) { return c >= "0" && c <= "9"; }

    function validDate(s) {
        var y = +s.substr(0, 4), m = +s.substr(4, 2), d = +s.substr(6, 2);
        if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
        var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        // Like the server's intake check, nobody registered today is born after today (yyyyMMdd compares as text).
        return d <= days[m - 1] && s <= today();
    }

    function today() {
        var n = new Date();
        return String(n.getFullYear()) + String(n.getMonth() + 1).padStart(2, "0") + String(n.getDate()).padStart(2, "0");
    }

    /** Returns null when valid, otherwise the Chinese error the server would give. */
    function check(text) {
        var t = (text == null ? "" : String(text)).trim();
        if (t.length === 0) return "请填写身份证号";
        if (t.length !== 18) return "身份证号应为18位";
        var u = t.toUpperCase();
        for (var i = 0; i < 17; i++) if (!isDigit(u.charAt(i))) return "身份证号前17位只能是数字";
        var last = u.charAt(17);
        if (!isDigit(last) && last !== "X") return "身份证号最后一位只能是数字或X";
        if (!validDate(u.substr(6, 8))) return "身份证号中的出生日期无效";
        var sum = 0;
        for (var j = 0; j < 17; j++) sum += (u.charCodeAt(j) - 48) * WEIGHTS[j];
        if (CHECK.charAt(sum % 11) !== last) return "身份证号校验位不正确";
        return null;
    }

    function wire(input) {
        var error = document.getElementById(input.getAttribute("data-error-id"));
        var ok = document.getElementById(input.getAttribute("data-ok-id"));
        function update(final) {
            var value = input.value.trim();
            var message = check(value);
            // While typing, a short number is not yet an error: show progress instead of nagging.
            if (message && !final && value.length < 18) {
                error.textContent = "";
                ok.textContent = value.length > 0 ? "已输入 " + value.length + "/18 位" : "";
                input.setAttribute("aria-invalid", "false");
                return;
            }
            error.textContent = message || "";
            ok.textContent = message ? "" : "身份证号校验通过";
            input.setAttribute("aria-invalid", message ? "true" : "false");
        }
        input.addEventListener("input", function () { update(false); });
        input.addEventListener("blur", function () { if (input.value.trim().length > 0) update(true); });
    }

    global.TongbanId = { check: check };
    document.addEventListener("DOMContentLoaded", function () {
        var inputs = document.querySelectorAll("input[data-id-number]");
        for (var i = 0; i < inputs.length; i++) wire(inputs[i]);
    });
})(window);
