// The product page's buy box and the basket's quantities:
//   [data-qty-stepper]   − and + buttons around a number input (the buttons
//                         stay hidden without this script; the input works alone)
//   #buybar              on phones, the price and buttons once the buy box's
//                         own buttons have scrolled out of view
//   .product-gallery__thumb  show the clicked picture in the main image
(function () {
  "use strict";
  document.querySelectorAll("[data-qty-stepper]").forEach(function (stepper) {
    var input = stepper.querySelector("input[type=number]");
    if (!input) return;
    stepper.querySelectorAll("[data-qty-step]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var min = input.min === "" ? 0 : parseInt(input.min, 10);
        var max = input.max === "" ? Infinity : parseInt(input.max, 10);
        var value = parseInt(input.value, 10);
        if (isNaN(value)) value = min;
        value = Math.max(min, Math.min(max, value + parseInt(button.dataset.qtyStep, 10)));
        input.value = value;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  });

  var bar = document.getElementById("buybar");
  var buttons = document.querySelector(".buybox__buttons");
  if (bar && buttons && "IntersectionObserver" in window) {
    bar.hidden = false;
    new IntersectionObserver(function (entries) {
      var out = !entries[0].isIntersecting && entries[0].boundingClientRect.top < 0;
      // Shown (by checkout.css, on narrow screens only) while out of view.
      bar.classList.toggle("is-visible", out);
    }).observe(buttons);
  }

  document.querySelectorAll(".product-gallery__thumb").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      document.getElementById("product-main-image").src = link.dataset.large;
    });
  });
})();
