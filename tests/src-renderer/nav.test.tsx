// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NavProvider, useNav } from '../../src-renderer/nav';
import { formatHash, parseHash } from '../../src-renderer/route';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

describe('route ↔ hash', () => {
  it('round-trips a view and its parameters', () => {
    const h = formatHash('ab', { baseline: 'run a', variant: 'r/2', frame: 12, empty: '', none: undefined });
    expect(h).toBe('#/ab?baseline=run+a&variant=r%2F2&frame=12');
    expect(parseHash(h)).toEqual({ view: 'ab', params: { baseline: 'run a', variant: 'r/2', frame: '12' } });
    expect(parseHash('#/models')).toEqual({ view: 'models', params: {} });
  });
  it('leaves the token to the host: a bare token hash is the default view, a route with a token opens that route', () => {
    expect(parseHash('#token=abc')).toEqual({ view: 'models', params: {} });
    expect(parseHash('#/ab?token=abc')).toEqual({ view: 'ab', params: {} });
    expect(parseHash('#/graph?variant=v1&token=abc')).toEqual({ view: 'graph', params: { variant: 'v1' } });
    expect(parseHash('')).toEqual({ view: 'models', params: {} });
  });
});

function Probe() {
  const nav = useNav();
  return (
    <div>
      <span data-testid="route">{`${nav.route.view} ${JSON.stringify(nav.route.params)}`}</span>
      <button type="button" onClick={() => nav.go('ab', { baseline: 'r1' })}>
        go
      </button>
      <button type="button" onClick={() => nav.setParams({ frame: 7 })}>
        frame
      </button>
    </div>
  );
}

describe('NavProvider', () => {
  it('go() writes the route into the URL hash (new entry), setParams() replaces it in place', () => {
    render(
      <NavProvider>
        <Probe />
      </NavProvider>,
    );
    const before = history.length;
    fireEvent.click(screen.getByText('go'));
    expect(location.hash).toBe('#/ab?baseline=r1');
    expect(history.length).toBe(before + 1);
    fireEvent.click(screen.getByText('frame'));
    expect(location.hash).toBe('#/ab?baseline=r1&frame=7');
    expect(history.length).toBe(before + 1);
    expect(screen.getByTestId('route').textContent).toBe('ab {"baseline":"r1","frame":"7"}');
  });
  it('reads the route from the hash at start and follows hash changes (back/forward, links)', () => {
    history.replaceState(null, '', '/#/overlay?run=x');
    render(
      <NavProvider>
        <Probe />
      </NavProvider>,
    );
    expect(screen.getByTestId('route').textContent).toBe('overlay {"run":"x"}');
    act(() => {
      location.hash = '#/replay';
    });
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        expect(screen.getByTestId('route').textContent).toBe('replay {}');
        resolve();
      }, 50),
    );
  });
  it('does not write over a hash that still carries the access token', () => {
    history.replaceState(null, '', '/#token=secret');
    render(
      <NavProvider>
        <Probe />
      </NavProvider>,
    );
    fireEvent.click(screen.getByText('go'));
    expect(location.hash).toBe('#token=secret');
    expect(screen.getByTestId('route').textContent).toBe('ab {"baseline":"r1"}');
  });
});
