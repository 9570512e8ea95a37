/**
 * `Promise.withResolvers` for Node 20 (it is an ES2024 / Node 22 API).
 *
 * aws-local-stepfunctions 3.0.0 calls it in every Task state, after it has started the task; without
 * it each task fails with `Promise.withResolvers is not a function` and the task's own promise is left
 * unhandled. Import this module before `aws-local-stepfunctions` wherever that is imported.
 */
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const PromiseConstructorWithResolvers = Promise as PromiseConstructor & {
  withResolvers?: <T>() => Resolvers<T>;
};

if (typeof PromiseConstructorWithResolvers.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function withResolvers<T>(this: PromiseConstructor): Resolvers<T> {
      let resolve: Resolvers<T>['resolve'] = () => undefined;
      let reject: Resolvers<T>['reject'] = () => undefined;
      const promise = new this<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export {};
