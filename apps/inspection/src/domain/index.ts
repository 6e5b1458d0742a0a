// The inspection service's rules as pure functions (no I/O): each cites its source in docs/inspection.md.
export {};
