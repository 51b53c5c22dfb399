//! The browser journeys, in one test binary (one link, one file on disk):
//! headless Chromium through chromedriver, driving the real built app against
//! the real server. Run one group with `-- fees::` and so on.

mod associations;
mod credentials;
mod fees;
mod first_day;
mod imports;
mod review;
