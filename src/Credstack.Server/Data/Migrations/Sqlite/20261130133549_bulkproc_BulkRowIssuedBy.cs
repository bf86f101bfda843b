using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Credstack.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class bulkproc_BulkRowIssuedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IssuedBy",
                table: "bulk_job_rows",
                type: "TEXT",
                maxLength: 100,
                nullable: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "IssuedBy", table: "bulk_job_rows");
        }
    }
}
