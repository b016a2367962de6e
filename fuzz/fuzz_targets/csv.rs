//! The `csv` reader as `rapport::fuzz_checks::csv` checks it: no panic
//! on any bytes, and what it reads writes files that read back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| rapport::fuzz_checks::csv(data));
