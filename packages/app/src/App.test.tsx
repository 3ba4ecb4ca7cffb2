import { render, screen } from '@testing-library/react';
import App from './App';

// The whole app loads on first render; the findBy waits below need more than jest's 5 s default.
jest.setTimeout(60_000);

describe('App', () => {
  it('renders the sign-in page of the portal with guest sign-in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'infra-specs test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByText('infra-specs test', {}, { timeout: 30_000 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: /enter/i }),
    ).toBeInTheDocument();
  });
});
