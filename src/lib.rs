//! walletdesk: the cards and PayPal accounts linked to Alipay, Alipay HK, WeChat Pay
//! and Alibaba Cloud, kept on your own machine.
//!
//! Data flows one way: [`ui`] or [`cli`] → [`wallet`] → [`domain`] check →
//! [`store`] / [`vault`]. What a person reads is worded in [`words`].

pub mod cli;
pub mod demo;
pub mod domain;
pub mod store;
pub mod system_fonts;
pub mod ui;
pub mod vault;
pub mod wallet;
pub mod words;

pub use wallet::{Clock, Wallet};
