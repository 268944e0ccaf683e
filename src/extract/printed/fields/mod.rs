//! One reader per field of the printed zone, over the labelled segments ([`super::labels`]) and their layout
//! ([`super::layout`]). Each fills its fields of [`super::Printed`]; none decides acceptance.

pub(super) mod address;
pub(super) mod dates;
pub(super) mod names;
pub(super) mod nationality;
pub(super) mod numbers;
pub(super) mod sex;
