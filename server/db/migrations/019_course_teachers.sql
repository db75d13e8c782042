-- Teachers of course groups (#17, least privilege): a coordinator assigns advisors to a group, and
-- a group's roster (names, contacts, attendance) is open only to its teachers and to coordinators
-- and admins (server/domain/course-access.ts, applied in server/services/course-admin.ts).
-- Assigning and unassigning are audited (record_type 'course_group').
create table course_teachers (
  group_id uuid not null references course_groups (id) on delete cascade,
  staff_id uuid not null references staff_users (id) on delete cascade,
  assigned_at timestamptz not null,
  assigned_by uuid references staff_users (id) on delete set null,
  primary key (group_id, staff_id)
);
-- "My groups": an advisor's list is read by staff id.
create index course_teachers_staff on course_teachers (staff_id);
