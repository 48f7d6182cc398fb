//! Requirement sets from the catalog, every version kept so past cycles are judged by the
//! rules then in force.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RequirementSets::Table)
                    .col(
                        ColumnDef::new(RequirementSets::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RequirementSets::SetId)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RequirementSets::Version)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RequirementSets::EffectiveFrom)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RequirementSets::Kind)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RequirementSets::Board)
                            .string_len(255)
                            .not_null(),
                    )
                    // The whole set as catalog JSON, sources and unknowns included.
                    .col(ColumnDef::new(RequirementSets::Body).text().not_null())
                    .col(
                        ColumnDef::new(RequirementSets::LoadedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("requirement_sets_set_version")
                    .table(RequirementSets::Table)
                    .col(RequirementSets::SetId)
                    .col(RequirementSets::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RequirementSets::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RequirementSets {
    Table,
    Id,
    SetId,
    Version,
    EffectiveFrom,
    Kind,
    Board,
    Body,
    LoadedAt,
}
