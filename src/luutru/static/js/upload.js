// The upload form: drag and drop, the count of chosen files, and each file's
// place in a chosen folder (moved out of the template: no inline script, CSP).
(function () {
  var zone = document.getElementById("dropzone"), input = document.getElementById("files");
  var chosen = document.getElementById("chosen");
  function show() {
    var n = input.files.length + document.getElementById("folder").files.length;
    if (n) chosen.textContent = "Đã chọn " + n + " tệp. Bấm “Nhập tài liệu” để bắt đầu.";
  }
  ["dragenter", "dragover"].forEach(function (e) {
    zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (e) {
    zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (ev) { input.files = ev.dataTransfer.files; show(); });
  // Keep each file's place in the chosen folder (the server is sent bare file names).
  document.getElementById("upload-form").addEventListener("submit", function () {
    var form = this;
    [input, document.getElementById("folder")].forEach(function (el) {
      Array.prototype.forEach.call(el.files, function (f) {
        var h = document.createElement("input");
        h.type = "hidden"; h.name = "paths"; h.value = f.webkitRelativePath || f.name;
        form.appendChild(h);
      });
    });
  });
  input.addEventListener("change", show);
  document.getElementById("folder").addEventListener("change", show);
})();
