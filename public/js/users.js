// Benutzer (admin): list, add, change role, deactivate/activate, set a new password —
// all through /api/users. The signed-in admin cannot take away their own access here.
import { api, ApiError, dataJson, el, formatInstantDay, say } from './enquiry-shared.js';

const root = document.getElementById('users-app');
if (root) init(root);

function init(root) {
  const roles = dataJson(root, 'roles') ?? [];
  const me = Number(root.dataset.me);
  const minPassword = Number(root.dataset.minPassword) || 12;
  const $ = (id) => document.getElementById(id);
  const tbody = $('users');
  const status = $('users-status');
  const table = $('users-table');
  const addForm = $('add-user');
  const addError = $('add-error');
  const addStatus = $('add-status');

  const roleLabel = (value) => roles.find((r) => r.value === value)?.label ?? value;

  function problemText(error) {
    if (!(error instanceof ApiError)) return 'Das hat nicht geklappt.';
    const first = [...error.fieldErrors().values()][0];
    return first && first !== error.message ? `${error.message} ${first}` : error.message;
  }

  function row(user) {
    const self = user.id === me;
    const rowStatus = el('span', { class: 'ws-help', role: 'status' });
    const select = el(
      'select',
      { id: `role-${user.id}`, disabled: self, 'aria-describedby': self ? `self-${user.id}` : undefined },
      ...roles.map((r) => el('option', { value: r.value, selected: r.value === user.role }, r.label)),
    );
    const changeRole = el('button', { type: 'button', class: 'secondary', disabled: self }, 'Ändern');
    changeRole.addEventListener('click', () => patch(user, { role: select.value }, rowStatus, `Rolle ist jetzt ${roleLabel(select.value)}.`));

    const toggle = el('button', { type: 'button', class: 'secondary', disabled: self }, user.active ? 'Deaktivieren' : 'Aktivieren');
    toggle.addEventListener('click', () => patch(user, { active: !user.active }, rowStatus, user.active ? 'Deaktiviert.' : 'Aktiviert.'));

    const password = el('input', { id: `pw-${user.id}`, type: 'password', autocomplete: 'new-password', minlength: minPassword, class: 'ws-narrow' });
    const setPassword = el('button', { type: 'button', class: 'secondary' }, 'Setzen');
    setPassword.addEventListener('click', () => {
      if ([...password.value].length < minPassword) {
        say(rowStatus, `Mindestens ${minPassword} Zeichen.`, 'error');
        password.focus();
        return;
      }
      patch(user, { password: password.value }, rowStatus, 'Neues Passwort gesetzt, andere Sitzungen beendet.');
    });

    return el(
      'tr',
      { dataset: { user: user.username }, class: user.active ? undefined : 'ws-inactive' },
      el('th', { scope: 'row' }, user.username, self ? el('span', { class: 'ws-help', id: `self-${user.id}` }, ' (Sie)') : null),
      el('td', {}, el('label', { for: `role-${user.id}`, class: 'visually-hidden' }, `Rolle von ${user.username}`), el('span', { class: 'ws-inline' }, select, changeRole)),
      el('td', {}, el('span', { class: `ws-badge ${user.active ? 'ws-active' : 'ws-late'}` }, user.active ? 'aktiv' : 'deaktiviert'), ' ', toggle),
      el('td', {}, el('label', { for: `pw-${user.id}`, class: 'visually-hidden' }, `Neues Passwort für ${user.username}`), el('span', { class: 'ws-inline' }, password, setPassword), rowStatus),
      el('td', {}, formatInstantDay(user.createdAt)),
    );
  }

  async function patch(user, body, rowStatus, message) {
    try {
      await api('PATCH', `/api/users/${user.id}`, body);
      await load();
      const again = tbody.querySelector(`tr[data-user="${CSS.escape(user.username)}"]`);
      const target = again?.querySelector('[role="status"]');
      say(target, message, 'ok');
      again?.querySelector('button')?.focus();
    } catch (error) {
      say(rowStatus, problemText(error), 'error');
    }
  }

  async function load() {
    try {
      const { items } = await api('GET', '/api/users');
      tbody.replaceChildren(...items.map(row));
      table.hidden = false;
      say(status, `${items.length} Benutzer, davon ${items.filter((u) => u.active).length} aktiv.`);
    } catch (error) {
      say(status, error.message, 'error');
    }
  }

  addForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    say(addError, '');
    const data = new FormData(addForm);
    try {
      const user = await api('POST', '/api/users', { username: String(data.get('username')).trim(), password: String(data.get('password')), role: String(data.get('role')) });
      addForm.reset();
      say(addStatus, `${user.username} angelegt (${roleLabel(user.role)}).`, 'ok');
      await load();
      $('new-username').focus();
    } catch (error) {
      say(addError, problemText(error), 'error');
    }
  });

  load();
}
