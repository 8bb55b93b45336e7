-- The integrated front desk's categories (综合窗口分类), configurable by admins: the items
-- assigned to each (besides the items of the bundles naming it) and the front clerks working
-- its windows. A clerk with no category works the general window (docs/bundles.md §8).
-- The four usual categories are created as defaults; admins rename, add or remove them.
CREATE TABLE desk_categories (
  id {{id}},
  name TEXT NOT NULL UNIQUE,
  position BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);

CREATE TABLE desk_category_items (
  category_id BIGINT NOT NULL REFERENCES desk_categories(id),
  item_code TEXT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (category_id, item_code)
);
CREATE INDEX desk_category_items_item ON desk_category_items(item_code);

CREATE TABLE desk_category_clerks (
  category_id BIGINT NOT NULL REFERENCES desk_categories(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (category_id, user_id)
);
CREATE INDEX desk_category_clerks_user ON desk_category_clerks(user_id);

INSERT INTO desk_categories (name, position, created_at) VALUES ('投资建设', 10, 0);
INSERT INTO desk_categories (name, position, created_at) VALUES ('商事登记', 20, 0);
INSERT INTO desk_categories (name, position, created_at) VALUES ('社会事务', 30, 0);
INSERT INTO desk_categories (name, position, created_at) VALUES ('不动产', 40, 0);
