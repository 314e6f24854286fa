//! Builds the Wasm runtime (`wasm32v1-none`) and exposes it as `WASM_BINARY`.

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
