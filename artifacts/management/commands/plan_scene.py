from artifacts.management.commands._scene_command import SceneRunCommand
from artifacts.models import GraphRun


class Command(SceneRunCommand):
    help = "Plan one scene (intent, panels, layout, semantics, draft dialogue); a locked scene keeps its plan."
    graph = GraphRun.Graph.SCENE_PLANNING

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--panel-count", type=int, default=None)

    def parameters(self, options) -> dict:
        return {"panel_count": options["panel_count"]} if options["panel_count"] else {}
