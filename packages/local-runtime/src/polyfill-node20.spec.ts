type WithResolvers = <T>() => {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason?: unknown) => void;
};

describe('Module: polyfill-node20', () => {
  const native: unknown = Reflect.get(Promise, 'withResolvers');

  afterEach(() => {
    if (native === undefined) Reflect.deleteProperty(Promise, 'withResolvers');
    else Reflect.set(Promise, 'withResolvers', native);
  });

  function load(): void {
    jest.isolateModules(() => {
      jest.requireActual('./polyfill-node20');
    });
  }

  function loadWithout(): WithResolvers {
    Reflect.deleteProperty(Promise, 'withResolvers');
    load();
    const installed: unknown = Reflect.get(Promise, 'withResolvers');
    if (typeof installed !== 'function') throw new Error('Promise.withResolvers was not installed');
    return (installed as WithResolvers).bind(Promise);
  }

  it('installs Promise.withResolvers where it is missing, resolving', async () => {
    // Arrange
    const withResolvers = loadWithout();

    // Act
    const { promise, resolve } = withResolvers<string>();
    resolve('done');

    // Assert
    await expect(promise).resolves.toBe('done');
  });

  it('installs Promise.withResolvers where it is missing, rejecting', async () => {
    // Arrange
    const withResolvers = loadWithout();

    // Act
    const { promise, reject } = withResolvers<string>();
    reject(new Error('timeout'));

    // Assert
    await expect(promise).rejects.toThrow('timeout');
  });

  it('keeps a native Promise.withResolvers', () => {
    // Arrange
    const marker = (): void => undefined;
    Reflect.set(Promise, 'withResolvers', marker);

    // Act
    load();

    // Assert
    expect(Reflect.get(Promise, 'withResolvers')).toBe(marker);
  });
});
