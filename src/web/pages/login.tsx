import { type FormEvent, useState } from 'react';
import { api, type Session } from '../api.js';

export function Login({ onLogin }: { onLogin: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onLogin(await api<Session>('/session', { method: 'POST', body: { username, password } }));
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="login panel" onSubmit={submit}>
      <h1>Sign in to Vigil</h1>
      <input
        name="username"
        placeholder="Username"
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <input
        name="password"
        type="password"
        placeholder="Password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit">Sign in</button>
      {error && <p className="error">{error}</p>}
    </form>
  );
}
