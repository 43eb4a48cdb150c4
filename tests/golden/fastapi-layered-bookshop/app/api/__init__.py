"""The root router: includes every API version's router (`layerkit generate version` adds one)."""

from fastapi import APIRouter

from app.api.v1 import router as v1_router

api_router = APIRouter()
api_router.include_router(v1_router)
