using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Credstack.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class bulkfast_RowFailedAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailedAttempts",
                table: "bulk_job_rows",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "FailedAttempts", table: "bulk_job_rows");
        }
    }
}
