// The development sign-in through the VNeID simulator lives in @orgboard/auth (other services' process tests
// use it too, and apps must not depend on apps); re-exported here for the CLI's commands.
export * from "@orgboard/auth/official-session";
