//! queue.toml: parsing never panics, and a parsed state renders back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::store::queue_file;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(state) = queue_file::parse(text) {
        let back = queue_file::parse(&queue_file::render(&state)).expect("a rendered queue parses");
        assert_eq!(back, state);
    }
});
