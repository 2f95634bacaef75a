/** The password rule of Lotse, shared by the HTTP API and the user CLI. */

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Returns a German message when `password` breaks the rule (at least 12 characters,
 * not the user name), or `null` when it is acceptable.
 */
export function passwordProblem(username: string, password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `Das Passwort muss mindestens ${MIN_PASSWORD_LENGTH} Zeichen lang sein.`;
  }
  if (passwordIsUsername(username, password)) return PASSWORD_IS_USERNAME;
  return null;
}

export const PASSWORD_IS_USERNAME = 'Das Passwort darf nicht der Benutzername sein.';

/** True when the password is the user name (ignoring case and surrounding spaces). */
export function passwordIsUsername(username: string, password: string): boolean {
  return password.trim().toLowerCase() === username.trim().toLowerCase();
}

/** User names: 2–40 letters, digits, dot, underscore or hyphen; compared case-insensitively. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{2,40}$/;
export const USERNAME_RULE = 'Der Benutzername besteht aus 2 bis 40 Zeichen: Buchstaben, Ziffern, Punkt, Unterstrich oder Bindestrich.';
