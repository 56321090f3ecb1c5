//! A PostgreSQL database of a test's own, on the server `ACCORD_TEST_PG`
//! names (a `postgres://` address of a user who may create databases);
//! dropped when the test ends. Unset, [`TestDatabase::new`] says which test
//! is skipped and gives `None`: `cargo test` passes without a server, and
//! `.ci/run` starts one and sets the variable.

use std::sync::Mutex;

pub struct TestDatabase {
    admin: String,
    name: String,
    /// The address of the test's database.
    pub url: String,
}

/// Databases are created from `template1`, which refuses two creations at once.
static CREATING: Mutex<()> = Mutex::new(());

impl TestDatabase {
    /// A new, empty database named after `tag` and the process.
    pub fn new(tag: &str) -> Option<TestDatabase> {
        let Some(admin) = std::env::var("ACCORD_TEST_PG").ok().filter(|v| !v.is_empty()) else {
            eprintln!("note: ACCORD_TEST_PG is not set (postgres://USER@HOST:PORT/DB); the PostgreSQL test {tag} was skipped");
            return None;
        };
        let name = format!("accord_test_{tag}_{}", std::process::id());
        let _one_at_a_time = CREATING.lock().unwrap_or_else(|e| e.into_inner());
        let mut client = postgres::Client::connect(&admin, postgres::NoTls).unwrap_or_else(|e| panic!("ACCORD_TEST_PG={admin}: {e}"));
        // One statement a call: several in one are one transaction, which DROP DATABASE refuses.
        client.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).expect("no older test database");
        client.batch_execute(&format!("CREATE DATABASE {name}")).expect("a test database");
        let base = admin.split('?').next().unwrap_or(&admin);
        let server = base.rsplit_once('/').filter(|(s, _)| s.contains("://") && !s.ends_with('/')).map_or(base, |(s, _)| s);
        let url = format!("{}/{name}", server.trim_end_matches('/'));
        Some(TestDatabase { admin, name, url })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

/// A login role that may only SELECT from a test database's tables (as a
/// server's or a replica's), dropped when the test ends.
pub struct ReadOnlyRole {
    admin: String,
    pub name: String,
    /// The test database's address as the role logs in.
    pub url: String,
}

impl TestDatabase {
    /// A role that may only read the tables the database holds now.
    pub fn read_only_role(&self, tag: &str) -> ReadOnlyRole {
        let name = format!("accord_test_{tag}_{}", std::process::id());
        let mut admin = postgres::Client::connect(&self.url, postgres::NoTls).expect("the test database");
        admin.batch_execute(&format!("DROP ROLE IF EXISTS {name}")).expect("no older test role");
        admin.batch_execute(&format!("CREATE ROLE {name} LOGIN PASSWORD 'reader'")).expect("a test role");
        admin.batch_execute(&format!("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {name}")).expect("granted");
        let (scheme, rest) = self.url.split_once("://").expect("a postgres:// address");
        let server = rest.rsplit_once('@').map_or(rest, |(_, server)| server);
        ReadOnlyRole { admin: self.url.clone(), url: format!("{scheme}://{name}:reader@{server}"), name }
    }
}

impl Drop for ReadOnlyRole {
    fn drop(&mut self) {
        if let Ok(mut admin) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = admin.batch_execute(&format!("DROP OWNED BY {0}; DROP ROLE {0}", self.name));
        }
    }
}
