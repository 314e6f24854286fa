//! Build script of the `iomt-node` binary.
//!
//! Exposes the git commit hash of the build as `SUBSTRATE_CLI_IMPL_VERSION` (read by
//! `SubstrateCli::impl_version`) and reruns itself when `.git/HEAD` moves.

use substrate_build_script_utils::{generate_cargo_keys, rerun_if_git_head_changed};

fn main() {
	generate_cargo_keys();
	rerun_if_git_head_changed();
}
