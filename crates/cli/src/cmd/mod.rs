pub mod bench;
pub mod extract;
