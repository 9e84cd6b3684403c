/**
 * Local fakes of each gateway's HTTP API for tests (`@fareway/gateways/testing`).
 * Each starts on 127.0.0.1 and a random port, records requests, lets a test move a
 * payment on, and produces the gateway's correctly signed callback.
 */
export * from './fake-flutterwave';
export * from './fake-mintpay';
export * from './fake-payhere';
export * from './fake-stripe';
export * from './sandbox-webhook';
export * from './start-fake-server';
