// The page a mailed link opens (/password-recovery#token=…): the token is read from the fragment, which the
// browser never sends to a server, and posted with the new password to the JSON API.
(function () {
  var form = document.getElementById('recover');
  var message = document.getElementById('message');
  var token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  history.replaceState(null, '', location.pathname);
  if (!token) {
    message.textContent = 'This link is incomplete: open the link of your mail again.';
    form.hidden = true;
    return;
  }
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var password = document.getElementById('password').value;
    if (password !== document.getElementById('again').value) {
      message.textContent = 'The two passwords differ.';
      return;
    }
    fetch('/resources/auth/password/recover', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: token, newPassword: password })
    }).then(function (r) {
      if (r.status === 204) {
        form.hidden = true;
        message.textContent = 'Your password is set. You can sign in with it now.';
        return;
      }
      return r.json().then(function (body) {
        var error = body.error || {};
        var bad = (error.details || []).map(function (d) { return d.field; });
        message.textContent = bad.indexOf('token') >= 0
          ? 'This link was used or has expired: ask for a new one.'
          : 'This password is not accepted: ' + (error.message || 'choose another one') + '.';
      });
    }).catch(function () {
      message.textContent = 'The server could not be reached; try again.';
    });
  });
})();
