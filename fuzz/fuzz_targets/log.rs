//! gestures.jsonl: parsing never panics, and every gesture read renders to a
//! line that reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::store::log;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = log::parse(text) {
        let again: String = file.gestures.iter().map(|g| log::render_line(g) + "\n").collect();
        let back = log::parse(&again).expect("rendered lines parse");
        assert_eq!(back.gestures, file.gestures, "render then parse changed the log");
    }
});
