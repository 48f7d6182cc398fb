//! The clinician's workspace: credentials (licences, certifications, DEA registrations,
//! custom credentials) and CE activities.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Credentials::Table)
                    .col(
                        ColumnDef::new(Credentials::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Credentials::UserId).uuid().not_null())
                    // `licence`, `certification`, `dea` or `custom`.
                    .col(ColumnDef::new(Credentials::Kind).string_len(16).not_null())
                    // The catalog set that applies; null when the catalog has none yet.
                    .col(ColumnDef::new(Credentials::RuleSet).string_len(40).null())
                    .col(
                        ColumnDef::new(Credentials::Jurisdiction)
                            .string_len(8)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Credentials::Profession)
                            .string_len(16)
                            .null(),
                    )
                    .col(ColumnDef::new(Credentials::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Credentials::Number).string_len(40).null())
                    .col(ColumnDef::new(Credentials::InitialDate).date().null())
                    .col(ColumnDef::new(Credentials::Expires).date().not_null())
                    .col(ColumnDef::new(Credentials::Specialty).string_len(64).null())
                    .col(
                        ColumnDef::new(Credentials::ArchivedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Credentials::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Credentials::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Credentials::Table, Credentials::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_credentials_user")
                    .table(Credentials::Table)
                    .col(Credentials::UserId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Activities::Table)
                    .col(
                        ColumnDef::new(Activities::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Activities::UserId).uuid().not_null())
                    .col(ColumnDef::new(Activities::Title).string_len(300).not_null())
                    .col(
                        ColumnDef::new(Activities::Provider)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Activities::Accreditor)
                            .string_len(200)
                            .null(),
                    )
                    .col(ColumnDef::new(Activities::Completed).date().not_null())
                    // Hours in hundredths, exact like the engine's arithmetic.
                    .col(
                        ColumnDef::new(Activities::HoursHundredths)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Activities::CreditType)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Activities::Format).string_len(16).not_null())
                    // JSON array of catalog topic keys.
                    .col(ColumnDef::new(Activities::Topics).text().not_null())
                    .col(
                        ColumnDef::new(Activities::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Activities::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Activities::Table, Activities::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_activities_user_completed")
                    .table(Activities::Table)
                    .col(Activities::UserId)
                    .col(Activities::Completed)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Activities::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Credentials::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Credentials {
    Table,
    Id,
    UserId,
    Kind,
    RuleSet,
    Jurisdiction,
    Profession,
    Name,
    Number,
    InitialDate,
    Expires,
    Specialty,
    ArchivedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Activities {
    Table,
    Id,
    UserId,
    Title,
    Provider,
    Accreditor,
    Completed,
    HoursHundredths,
    CreditType,
    Format,
    Topics,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
