from webtoon.exceptions import ApplicationError


class StyleTypeMismatch(ApplicationError):
    code = "style_type_mismatch"


class StyleTreeCycle(ApplicationError):
    code = "style_tree_cycle"


class StyleParentOutOfScope(ApplicationError):
    code = "style_parent_out_of_scope"


class StylePresetHasChildren(ApplicationError):
    code = "style_preset_has_children"
