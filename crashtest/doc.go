// Package crashtest holds the kill -9 tests of Maillage (docs/reliability.md, "Crashes
// (kill -9)"): the real binary is built once, served on loopback from a temporary data dir,
// killed with SIGKILL in the middle of a sync push, an import, a backup and a photo upload,
// restarted on the same data dir, and checked: nothing half-applied, retries applied exactly
// once, no acknowledged write lost, the database intact. It also measures the sync push with
// SQLite's synchronous=NORMAL against FULL. The package has no code of its own: only tests.
package crashtest
