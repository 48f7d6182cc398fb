//! Facts a clinician gives about themselves (date of birth, prescribing, ...) and the own
//! renewal rule a credential may carry when the catalog has no set for it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ClinicianFacts::Table)
                    .col(ColumnDef::new(ClinicianFacts::UserId).uuid().not_null())
                    // A fact name from the catalog's vocabulary.
                    .col(
                        ColumnDef::new(ClinicianFacts::Fact)
                            .string_len(64)
                            .not_null(),
                    )
                    // The value as JSON: true/false, a number or an ISO date string.
                    .col(
                        ColumnDef::new(ClinicianFacts::Value)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ClinicianFacts::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ClinicianFacts::UserId)
                            .col(ClinicianFacts::Fact),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ClinicianFacts::Table, ClinicianFacts::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The rule as JSON; only set when `rule_set` names the clinician's own rule.
        manager
            .alter_table(
                Table::alter()
                    .table(Credentials::Table)
                    .add_column(ColumnDef::new(Credentials::OwnRule).text().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Credentials::Table)
                    .drop_column(Credentials::OwnRule)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ClinicianFacts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ClinicianFacts {
    Table,
    UserId,
    Fact,
    Value,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Credentials {
    Table,
    OwnRule,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
