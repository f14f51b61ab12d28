// A conference's slug, made from its name as it is typed: every Vietnamese
// mark dropped and đ read as d, with the server's own folding rules
// (data-slug-patterns, from marketplace.core.text.slug_fold_patterns). A slug
// typed by hand is left alone; the server makes one when it is left empty.
(function () {
  "use strict";
  document.querySelectorAll("input[data-slug-from]").forEach(function (slug) {
    var form = slug.form;
    var source = form && form.elements[slug.dataset.slugFrom];
    if (!source) return;
    var patterns = JSON.parse(slug.dataset.slugPatterns || "[]").map(function (pair) {
      return [new RegExp(pair[0], "g"), pair[1]];
    });
    function slugify(text) {
      patterns.forEach(function (pair) { text = text.replace(pair[0], pair[1]); });
      return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[^a-z0-9\s-]/g, "").trim().replace(/[-\s]+/g, "-").slice(0, 116)
        .replace(/-+$/, "");
    }
    // Follow the name until someone types a slug of their own.
    var follow = slug.value === "";
    source.addEventListener("input", function () {
      if (follow) slug.value = slugify(source.value);
    });
    slug.addEventListener("input", function () {
      follow = slug.value === "";
    });
  });
})();
