// Document view: link each claim card with its highlighted values and evidence sentence.
(function () {
  "use strict";

  function tokens(node, attr) {
    return (node.getAttribute(attr) || "").split(" ").filter(Boolean);
  }

  function light(text, id, on) {
    text.querySelectorAll("mark[data-claims]").forEach(function (m) {
      if (tokens(m, "data-claims").indexOf(id) >= 0) m.classList.toggle("lit", on);
    });
    text.querySelectorAll("[data-sentence-of]").forEach(function (s) {
      if (tokens(s, "data-sentence-of").indexOf(id) >= 0) s.classList.toggle(s.tagName === "MARK" ? "lit-sentence" : "lit", on);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var text = document.getElementById("doctext");
    if (!text) return;
    var cards = document.querySelectorAll(".claimcard[data-claim]");
    cards.forEach(function (card) {
      var id = card.getAttribute("data-claim");
      card.addEventListener("mouseenter", function () { light(text, id, true); });
      card.addEventListener("mouseleave", function () { light(text, id, false); });
      card.addEventListener("focus", function () { light(text, id, true); });
      card.addEventListener("blur", function () { light(text, id, false); });
      card.addEventListener("click", function () {
        var first = text.querySelector("mark[data-claims~='" + id + "']");
        if (first) first.scrollIntoView({ behavior: "smooth", block: "center" });
      });
    });
    text.querySelectorAll("mark[data-claims]").forEach(function (m) {
      var ids = tokens(m, "data-claims");
      m.addEventListener("mouseenter", function () {
        ids.forEach(function (id) {
          var card = document.getElementById("claim-" + id);
          if (card) card.classList.add("lit");
        });
      });
      m.addEventListener("mouseleave", function () {
        ids.forEach(function (id) {
          var card = document.getElementById("claim-" + id);
          if (card) card.classList.remove("lit");
        });
      });
    });
  });
})();
