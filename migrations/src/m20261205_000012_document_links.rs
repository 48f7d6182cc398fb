//! A document can be linked to the CE activity it proves or the credential it belongs to.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement. No foreign keys: SQLite cannot add one to
        // an existing table, so the application clears a link when its record goes.
        for column in [Documents::ActivityId, Documents::CredentialId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Documents::Table)
                        .add_column(ColumnDef::new(column).uuid().null())
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Documents::ActivityId, Documents::CredentialId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Documents::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    ActivityId,
    CredentialId,
}
