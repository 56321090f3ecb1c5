//! The SQLite knowledge base. (In progress.)
