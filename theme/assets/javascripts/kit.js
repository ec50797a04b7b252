/* The communication kit's copy buttons. Only an enhancement: without JavaScript the buttons
   stay hidden and each text stands in a read-only field that can be selected and copied.

   A text button copies its field with the Clipboard API; where that is missing or refused
   (a page opened from disk, an older browser) it selects the field and copies the selection,
   and where even that fails it leaves the text selected and says how to copy it by hand.
   The image button copies the share card where the browser can put a picture on the
   clipboard, and points to the download link where it cannot. Every outcome is said in the
   button's live region. */
(function () {
  "use strict";

  function say(region, text) {
    // emptied first, so that a second click on the same button is announced again
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function regionOf(button) {
    return button.parentNode.querySelector(".ph-kit__status");
  }

  function copyBySelection(field) {
    field.focus();
    field.select();
    field.setSelectionRange(0, field.value.length);
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copyText(button) {
    var field = document.getElementById(button.getAttribute("data-ph-copy"));
    var region = regionOf(button);
    var done = button.getAttribute("data-ph-done") + " Dán vào nơi cần dùng (Ctrl + V, hoặc nhấn giữ rồi chọn Dán).";
    function fallback() {
      if (copyBySelection(field)) {
        button.focus();
        say(region, done);
      } else {
        say(region, "Chưa chép tự động được: chữ trong ô đã được chọn sẵn, hãy nhấn Ctrl + C "
          + "(trên điện thoại: nhấn giữ, chọn Sao chép).");
      }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(function () { say(region, done); }, fallback);
    } else {
      fallback();
    }
  }

  function copyImage(button) {
    var region = regionOf(button);
    var refused = "Trình duyệt này không chép được ảnh: hãy dùng liên kết Tải ảnh chia sẻ về máy.";
    var address = button.getAttribute("data-ph-copy-image");
    var png = window.fetch(address).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.blob();
    }).then(function (blob) { return new Blob([blob], { type: "image/png" }); });
    // the promise goes into the ClipboardItem at once: Safari needs the write inside the click
    navigator.clipboard.write([new window.ClipboardItem({ "image/png": png })]).then(
      function () { say(region, button.getAttribute("data-ph-done") + " Dán vào bài đăng (Ctrl + V)."); },
      function () { say(region, refused); });
  }

  function setup() {
    var buttons = document.querySelectorAll("[data-ph-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (event) { copyText(event.currentTarget); });
    }
    var canCopyImages = !!(window.ClipboardItem && navigator.clipboard && navigator.clipboard.write
      && window.fetch && window.location.protocol !== "file:");
    var images = document.querySelectorAll("[data-ph-copy-image]");
    for (var j = 0; j < images.length; j++) {
      if (!canCopyImages) { continue; }   // the download link is there for everyone
      images[j].hidden = false;
      images[j].addEventListener("click", function (event) { copyImage(event.currentTarget); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
