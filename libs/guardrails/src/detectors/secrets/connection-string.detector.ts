import { eachMatch, type Detector } from '../detector';
import type { Finding } from '../../findings/finding';

// `scheme://user:password@host`: the password is the secret; user, host and database stay
// readable so the text keeps its meaning. Anchored on the literal `://`.
const USER_INFO = /:\/\/([^\s:@/'"`<>]{1,128}):([^\s@/'"`<>]{1,256})@(?=[\w[])/g;
const SCHEME = /[A-Za-z][A-Za-z0-9+.-]{1,24}$/;
// Templates and documentation placeholders, e.g. `${DB_PASSWORD}`, `<password>`, `****`, the
// well-known `guest` default.
const PLACEHOLDER = /^(?:\$\{?[A-Za-z_][\w.]*\}?|\{\{?[^}]*\}?\}|<[^>]*>|\[[^\]]*\]|%\(?\w*\)?s|%s|\*+|x+|\.\.\.|password|passwd|pass|pwd|secret|your[_-]?password|changeme|guest)$/i;

export const connectionStringDetector: Detector = {
  family: 'secret',
  types: ['connection_string'],
  detect(text: string, out: Finding[]): void {
    if (text.indexOf('://') === -1) return;
    eachMatch(USER_INFO, text, (match) => {
      const password = match[2] ?? '';
      if (!SCHEME.test(text.slice(Math.max(0, match.index - 25), match.index)) || PLACEHOLDER.test(password)) return;
      const end = match.index + match[0].length - 1;
      out.push({ detector: 'secret', type: 'connection_string', start: end - password.length, end });
    });
  },
};
